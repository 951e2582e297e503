package com.cloudphone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core's dependencies point down only: model (with errors, JSON and logging beside it) <- store <- event <-
 * service <- workflow and http <- the wiring in this package; and the domain model is plain Java.
 */
class LayersTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cloudphone");

    @Test
    void dependenciesPointDownOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Base").definedBy("com.cloudphone.model..", "com.cloudphone.error..", "com.cloudphone.json..",
                        "com.cloudphone.log..")
                .layer("Store").definedBy("com.cloudphone.store..")
                .layer("Event").definedBy("com.cloudphone.event..")
                .layer("Service").definedBy("com.cloudphone.service..")
                .layer("Workflow").definedBy("com.cloudphone.workflow..")
                .layer("Http").definedBy("com.cloudphone.http..")
                .layer("Wiring").definedBy("com.cloudphone")
                .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Workflow").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Workflow", "Http", "Wiring")
                .whereLayer("Event").mayOnlyBeAccessedByLayers("Service", "Workflow", "Http", "Wiring")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Event", "Service", "Workflow", "Http", "Wiring")
                .check(CORE);
    }

    @Test
    void theDomainModelIsPlainJava() {
        noClasses().that().resideInAPackage("com.cloudphone.model..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.fasterxml..",
                        "com.cloudphone.json..", "com.cloudphone.log..")
                .check(CORE);
    }

    @Test
    void theStoreAndTheModelRefuseInDomainTermsOnly() {
        noClasses().that().resideInAnyPackage("com.cloudphone.store..", "com.cloudphone.model..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cloudphone.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.cloudphone.error.ApiException")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.cloudphone.error.ErrorCode")
                .because("the store raises Refusals; the service layer decides what they mean (service/Refusals)")
                .check(CORE);
    }

    @Test
    void errorsJsonAndLoggingStandOnNothingOfOurs() {
        noClasses().that().resideInAnyPackage("com.cloudphone.error..", "com.cloudphone.json..", "com.cloudphone.log..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cloudphone.model..", "com.cloudphone.store..",
                        "com.cloudphone.event..", "com.cloudphone.service..", "com.cloudphone.workflow..",
                        "com.cloudphone.http..")
                .check(CORE);
    }
}
