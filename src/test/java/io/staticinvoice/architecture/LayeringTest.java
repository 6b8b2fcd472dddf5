package io.staticinvoice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.staticinvoice", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule protocolCoreIsPureJava = noClasses()
            .that().resideInAPackage("io.staticinvoice.lightning..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "io.netty..",
                    "io.staticinvoice.gateway..", "io.staticinvoice.server..", "io.staticinvoice.store..",
                    "io.staticinvoice.admin..", "io.staticinvoice.config..")
            .because("the protocol package never calls up into Spring, JPA, Netty or the application (DESIGN.md)");

    @ArchTest
    static final ArchRule storeDoesNotDependOnUpperLayers = noClasses()
            .that().resideInAPackage("io.staticinvoice.store..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.staticinvoice.gateway..", "io.staticinvoice.relay..", "io.staticinvoice.server..",
                    "io.staticinvoice.admin..")
            .because("data flows one direction: server and admin use the store, never the reverse");

    @ArchTest
    static final ArchRule gatewayDoesNotKnowTheRelay = noClasses()
            .that().resideInAPackage("io.staticinvoice.gateway..")
            .should().dependOnClassesThat().resideInAnyPackage("io.staticinvoice.relay..", "io.staticinvoice.server..")
            .because("the relay decides where messages go and owns its tables; the gateway only moves bytes to peers");

    @ArchTest
    static final ArchRule checkIsAClientOfTheDeployment = noClasses()
            .that().resideInAPackage("io.staticinvoice.check..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.staticinvoice.server..", "io.staticinvoice.store..", "io.staticinvoice.admin..",
                    "jakarta.persistence..")
            .because("the check sees a deployment from outside only, through its admin API and Lightning");
}
