plugins {
    kotlin("jvm") version "2.0.0"
    id("io.ktor.plugin") version "2.3.11"
    id("org.jlleitschuh.gradle.ktlint") version "12.1.1"
}
kotlin {
    jvmToolchain(21)
}
