package io.anycalltaxi.local.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rules, held by the compiled code of every function, trip-core and the local runtime
 * (tests excluded): the rules of the business are decided by plain classes (a function's {@code model}
 * package, where it has one, holds nothing else); a function knows
 * trip-core and libraries, never another function; nothing but the local runtime knows it; and
 * no function, trip-core or the runtime forms a cycle with another.
 */
class HouseRulesTest {

    /** Where the rules of the business are decided: no framework, store, transport or JSON in them. */
    static final DescribedPredicate<JavaClass> DECISIONS = describe("decide the rules of the business",
            c -> List.of("io.anycalltaxi.core.trip", "io.anycalltaxi.core.claim", "io.anycalltaxi.core.geo",
                    "io.anycalltaxi.core.fare").contains(c.getPackageName())
                    || c.getPackageName().endsWith(".model")
                    || !c.getPackageName().startsWith("io.anycalltaxi.local")
                            && List.of("Policy", "Rule", "Rules", "Decision", "Admission", "Check", "Fee").stream()
                                    .anyMatch(suffix -> c.getSimpleName().endsWith(suffix)));

    /** Spring, MongoDB, CloudEvents and Jackson; binding a policy to its settings is allowed. */
    static final DescribedPredicate<JavaClass> MACHINERY = describe("Spring, MongoDB, CloudEvents or Jackson",
            c -> (c.getPackageName().startsWith("org.springframework")
                    && !c.getPackageName().startsWith("org.springframework.boot.context.properties"))
                    || c.getPackageName().startsWith("com.mongodb") || c.getPackageName().startsWith("org.bson")
                    || c.getPackageName().startsWith("io.cloudevents")
                    || c.getPackageName().startsWith("com.fasterxml.jackson"));

    private static JavaClasses house;

    @BeforeAll
    static void importTheHouse() {
        house = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.anycalltaxi");
    }

    @Test
    void everyPartOfTheHouseIsRead() {
        assertThat(house.containPackage("io.anycalltaxi.core.trip")).isTrue();
        assertThat(house.containPackage("io.anycalltaxi.createcall")).isTrue();
        assertThat(house.containPackage("io.anycalltaxi.local")).isTrue();
        assertThat(house.containPackage("io.anycalltaxi.core.testing")).as("test code is not held to them").isFalse();
    }

    @Test
    void theRulesOfTheBusinessArePlainClasses() {
        noClasses().that(DECISIONS).should().dependOnClassesThat(MACHINERY).check(house);
    }

    @Test
    void aFunctionKnowsTripCoreAndLibrariesOnly() {
        slices().matching("io.anycalltaxi.(*)..").namingSlices("$1")
                .that(describe("functions", slice -> !slice.getDescription().matches("core|local")))
                .should().notDependOnEachOther().check(house);
    }

    @Test
    void nothingButTheLocalRuntimeKnowsIt() {
        noClasses().that().resideOutsideOfPackage("io.anycalltaxi.local..")
                .should().dependOnClassesThat().resideInAPackage("io.anycalltaxi.local..").check(house);
    }

    @Test
    void noCyclesBetweenFunctionsTripCoreAndTheRuntime() {
        slices().matching("io.anycalltaxi.(*)..").should().beFreeOfCycles().check(house);
    }
}
