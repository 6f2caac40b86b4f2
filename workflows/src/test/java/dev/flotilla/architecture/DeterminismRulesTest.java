package dev.flotilla.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workflow code must replay identically, and this module must stay free of I/O. These rules stand
 * in for temporal-workflowcheck (not served by this machine's Maven Central) and run in every build
 * over this module's own classes.
 */
class DeterminismRulesTest {
  private static JavaClasses workflowModule;

  @BeforeAll
  static void importThisModule() {
    workflowModule =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));
  }

  @Test
  void workflowCodeReadsTimeOnlyThroughWorkflowApis() {
    ArchRule rule =
        noClasses()
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethodWhere(
                com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a now() of java.time",
                        target ->
                            target.getName().equals("now")
                                && target.getOwner().getPackageName().equals("java.time"))))
            .because(
                "time inside a workflow must come from Workflow.currentTimeMillis() or Workflow.now()");
    rule.check(workflowModule);
  }

  @Test
  void workflowCodeTakesRandomnessOnlyFromWorkflowApis() {
    noClasses()
        .should()
        .callConstructor(java.util.Random.class)
        .orShould()
        .callMethod(java.util.UUID.class, "randomUUID")
        .orShould()
        .callMethod(Math.class, "random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.security.SecureRandom")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .because("use Workflow.newRandom() or Workflow.randomUUID(), which replay the same values")
        .check(workflowModule);
  }

  @Test
  void workflowCodeSleepsAndRunsConcurrentlyOnlyThroughWorkflowApis() {
    noClasses()
        .should()
        .callMethod(Thread.class, "sleep", long.class)
        .orShould()
        .callConstructorWhere(
            com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(
                        Thread.class))))
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.Executors")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ExecutorService")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.CompletableFuture")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.Future")
        .because("use Workflow.sleep, Workflow.await, Async and Promise, which the history records")
        .check(workflowModule);
  }

  @Test
  void contractsAndWorkflowsDoNoIo() {
    noClasses()
        .should()
        .dependOnClassesThat(IO_CLASSES)
        .because("I/O belongs in activities; workflow code must replay without touching the world")
        .check(workflowModule);
  }

  /** I/O packages, less java.io.Serializable, which every exception inherits. */
  private static final DescribedPredicate<JavaClass> IO_CLASSES =
      DescribedPredicate.describe(
          "I/O classes",
          c ->
              !c.isEquivalentTo(java.io.Serializable.class)
                  && Stream.of(
                          "java.io",
                          "java.net",
                          "java.nio.file",
                          "java.sql",
                          "javax.sql",
                          "software.amazon",
                          "org.postgresql",
                          "com.zaxxer",
                          "org.flywaydb")
                      .anyMatch(
                          p ->
                              c.getPackageName().equals(p)
                                  || c.getPackageName().startsWith(p + ".")));

  @Test
  void workflowCodeReadsNoEnvironment() {
    noClasses()
        .should()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getProperty", String.class)
        .because("configuration reaches workflows through their input or an activity")
        .check(workflowModule);
  }

  @Test
  void contractsDependOnNothingButTheSdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.flotilla..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.flotilla.cli..",
            "dev.flotilla.worker..",
            "dev.flotilla.settings..",
            "dev.flotilla.store..")
        .because("the workflows module is the bottom of the module graph")
        .check(workflowModule);
  }
}
