package app.oo.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of DESIGN.md point one way: web uses everything; command-side, query-side and
 * sagas use only domain; ml-bridge uses sagas' port and domain; domain uses no Spring, JDBC or jOOQ.
 */
class ModuleArrowsTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.oo");
    }

    @Test
    void domainUsesNoSpringNoJdbcNoJooqAndNoOtherModule() {
        noClasses().that().resideInAPackage("app.oo.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "org.jooq..", "jakarta.persistence..", "app.oo.command..", "app.oo.query..",
                        "app.oo.sagas..", "app.oo.mlbridge..", "app.oo.web..")
                .check(classes);
    }

    @Test
    void commandSideUsesOnlyTheDomain() {
        noClasses().that().resideInAPackage("app.oo.command..")
                .should().dependOnClassesThat().resideInAnyPackage("app.oo.query..", "app.oo.sagas..",
                        "app.oo.mlbridge..", "app.oo.web..")
                .check(classes);
    }

    @Test
    void querySideUsesOnlyTheDomain() {
        noClasses().that().resideInAPackage("app.oo.query..")
                .should().dependOnClassesThat().resideInAnyPackage("app.oo.command..", "app.oo.sagas..",
                        "app.oo.mlbridge..", "app.oo.web..")
                .check(classes);
    }

    @Test
    void sagasUseOnlyTheDomainAndOwnTheirPorts() {
        noClasses().that().resideInAPackage("app.oo.sagas..")
                .should().dependOnClassesThat().resideInAnyPackage("app.oo.command..", "app.oo.query..",
                        "app.oo.mlbridge..", "app.oo.web..", "okhttp3..")
                .check(classes);
    }

    @Test
    void mlBridgeUsesOnlyTheSagasPortAndTheDomain() {
        noClasses().that().resideInAPackage("app.oo.mlbridge..")
                .should().dependOnClassesThat().resideInAnyPackage("app.oo.command..", "app.oo.query..",
                        "app.oo.web..")
                .check(classes);
    }

    @Test
    void nothingButWebUsesWeb() {
        noClasses().that().resideOutsideOfPackage("app.oo.web..")
                .should().dependOnClassesThat().resideInAPackage("app.oo.web..")
                .check(classes);
    }
}
