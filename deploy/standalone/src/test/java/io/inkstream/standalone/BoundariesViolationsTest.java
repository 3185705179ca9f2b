package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each wall of {@link BoundariesTest} is shown to stand: every rule must find a breach among
 * classes that break the walls on purpose. A rule that can no longer fail fails here.
 */
class BoundariesViolationsTest {

    static final JavaClasses BREACHES = new ClassFileImporter().importPackages("io.inkstream.command.violation",
            "io.inkstream.query.violation", "io.inkstream.eventstore.violation", "io.inkstream.api.violation",
            "io.inkstream.violation");

    @Test
    void everyRuleFindsItsBreach() throws IllegalAccessException {
        List<Field> rules = Arrays.stream(BoundariesTest.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(ArchTest.class)).toList();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        for (Field field : rules) {
            field.setAccessible(true);
            ArchRule rule = (ArchRule) field.get(null);
            assertThat(rule.evaluate(BREACHES).hasViolation()).as(field.getName()).isTrue();
        }
    }

    @Test
    void namingTheEventStoresCollectionsIsNamingTheEngine() {
        JavaClasses naming = new ClassFileImporter().importPackages("io.inkstream.query.violation.collections");
        assertThat(BoundariesTest.onlyTheWiringKnowsTheEngine.evaluate(naming).hasViolation()).isTrue();
    }
}
