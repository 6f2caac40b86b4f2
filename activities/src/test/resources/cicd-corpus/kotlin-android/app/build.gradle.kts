plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}
kotlin { jvmToolchain(17) }
