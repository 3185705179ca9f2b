package io.inkstream.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The walls around the event store and the embedded server, checked on the compiled code. */
@AnalyzeClasses(packages = "io.inkstream", importOptions = BoundariesTest.NoTestCode.class)
class BoundariesTest {

    /** Production code only: neither this module's tests nor the test jars of the others. */
    static final class NoTestCode implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    /**
     * An aggregate decides in the domain's terms: how a refusal reaches a client, and where
     * anything is stored, are other layers' business.
     */
    @ArchTest
    static final ArchRule aggregatesSpeakTheDomain = noClasses()
            .that().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
            .should().dependOnClassesThat().resideInAnyPackage("io.inkstream.platform.web..", "org.springframework.web..",
                    "org.springframework.http..", "com.mongodb..", "org.bson..", "org.springframework.data..")
            .as("aggregates import no web or MongoDB code");

    /** The rest asks the store through its port; only the wiring knows the engine. */
    @ArchTest
    static final ArchRule onlyTheWiringKnowsTheEngine = noClasses()
            .that().resideOutsideOfPackage("io.inkstream.eventstore..")
            .and().doNotHaveFullyQualifiedName("io.inkstream.platform.axon.EventStoreConfig")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.inkstream.eventstore.MongoEventLog")
            .as("only EventStoreConfig knows MongoEventLog, and the names of its collections; the rest uses EventLog");

    /** The sides run against a MongoDB they are given; the embedded one is the standalone's. */
    @ArchTest
    static final ArchRule sidesDoNotEmbedMongo = noClasses()
            .that().resideInAnyPackage("io.inkstream.command..", "io.inkstream.query..", "io.inkstream.platform..",
                    "io.inkstream.eventstore..", "io.inkstream.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.inkstream.embedded..", "de.bwaldvogel..");

    /** The event store stands on Axon and the driver alone: no web, no Spring, no read model. */
    @ArchTest
    static final ArchRule eventStoreStandsAlone = noClasses()
            .that().resideInAPackage("io.inkstream.eventstore..")
            .should().dependOnClassesThat().resideInAnyPackage("io.inkstream.platform..", "io.inkstream.command..",
                    "io.inkstream.query..", "org.springframework..", "reactor..");

    /** The two sides meet only in shared-events and the platform. */
    @ArchTest
    static final ArchRule querySideDoesNotReachIntoTheCommandSide = noClasses()
            .that().resideInAPackage("io.inkstream.query..")
            .should().dependOnClassesThat().resideInAPackage("io.inkstream.command..");

    @ArchTest
    static final ArchRule commandSideDoesNotReachIntoTheQuerySide = noClasses()
            .that().resideInAPackage("io.inkstream.command..")
            .should().dependOnClassesThat().resideInAPackage("io.inkstream.query..");

    /** Messages are plain records: no framework of a side's in them. */
    @ArchTest
    static final ArchRule messagesArePlain = noClasses()
            .that().resideInAPackage("io.inkstream.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..",
                    "io.inkstream.platform..", "io.inkstream.command..", "io.inkstream.query..");

    /** Packages form no loop: each can be read, and changed, from the bottom up. */
    @ArchTest
    static final ArchRule noCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("io.inkstream.(**)").should().beFreeOfCycles();
}
