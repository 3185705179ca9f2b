package io.inkstream.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.inkstream.platform.testing.TestMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TinkVaultTest {

    MongoClient client;
    MongoDatabase database;
    Aead master;
    TinkVault vault;

    @BeforeEach
    void setUp() throws Exception {
        client = MongoClients.create(TestMongo.uri());
        database = client.getDatabase("vault-" + UUID.randomUUID());
        master = MasterKey.resolve(MasterKey.generate(), null, database);
        vault = new TinkVault(database, master);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    /** Every string the database holds, as its BSON dump would show it. */
    String dump() {
        List<String> all = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            database.getCollection(name).find().forEach(d -> all.add(d.toJson()));
        }
        return String.join("\n", all);
    }

    @Test
    void aSealedValueHoldsNothingInClearAndOpensToItsText() {
        String sealed = vault.seal("email:jane", "Jane Hart");
        assertThat(sealed).startsWith("sealed/email:jane/1/").doesNotContain("Jane Hart");
        assertThat(vault.seal("email:jane", "Jane Hart")).as("a new nonce each time").isNotEqualTo(sealed);
        assertThat(vault.open(sealed)).isEqualTo("Jane Hart");
        assertThat(new TinkVault(database, master).open(sealed)).as("in another process").isEqualTo("Jane Hart");
        assertThat(vault.open("plain text")).isEqualTo("plain text");
        assertThat(vault.open(null)).isNull();
        assertThat(dump()).doesNotContain("Jane Hart");
    }

    @Test
    void destroyingAKeyErasesWhatWasSealedUnderItOnlyAndAgainChangesNothing() {
        String jane = vault.seal("email:jane", "Jane Hart");
        String jon = vault.seal("email:jon", "Jon Ingham");
        TinkVault other = new TinkVault(database, master);
        assertThat(other.open(jane)).isEqualTo("Jane Hart");
        vault.destroy("email:jane");
        vault.destroy("email:jane");
        assertThat(vault.open(jane)).isEqualTo(Vault.ERASED);
        other.forget("email:jane");
        assertThat(other.open(jane)).as("another process, told").isEqualTo(Vault.ERASED);
        assertThat(vault.open(jon)).isEqualTo("Jon Ingham");
        Document tombstone = database.getCollection(TinkVault.COLLECTION).find(new Document("_id", "email:jane")).first();
        assertThat(tombstone).doesNotContainKey("keyset").containsKey("erasedAt");
        // Their next reply gets a key of a new generation; the erased data stays erased.
        String again = vault.seal("email:jane", "Jane again");
        assertThat(again).startsWith("sealed/email:jane/2/");
        assertThat(vault.open(again)).isEqualTo("Jane again");
        assertThat(vault.open(jane)).isEqualTo(Vault.ERASED);
    }

    @Test
    void aLostKeyOrAnotherMasterKeyIsUnavailableNotErasedNorOpen() throws Exception {
        String jane = vault.seal("email:jane", "Jane Hart");
        TinkVault otherMaster = new TinkVault(database, MasterKey.resolve(MasterKey.generate(), null, database));
        assertThat(otherMaster.open(jane)).isEqualTo(Vault.UNAVAILABLE);
        database.getCollection(TinkVault.COLLECTION).drop();
        assertThat(new TinkVault(database, master).open(jane)).isEqualTo(Vault.UNAVAILABLE);
    }

    @Test
    void aValueCannotBePassedOffAsAnotherOwnersOrTamperedWith() {
        String jane = vault.seal("email:jane", "Jane Hart");
        vault.seal("email:mallory", "Mallory");
        String[] parts = jane.split("/", 4);
        assertThat(vault.open("sealed/email:mallory/1/" + parts[3])).isEqualTo(Vault.UNAVAILABLE);
        assertThat(vault.open(jane.substring(0, jane.length() - 2) + "AA")).isEqualTo(Vault.UNAVAILABLE);
        assertThat(vault.open("sealed/nonsense")).isEqualTo(Vault.UNAVAILABLE);
    }

    @Test
    void withoutAConfiguredMasterKeyEveryProcessFindsTheSameOneInTheDatabase() {
        Aead first = MasterKey.resolve(null, null, database);
        String sealed = new TinkVault(database, first).seal("email:jane", "Jane Hart");
        assertThat(new TinkVault(database, MasterKey.resolve("", "", database)).open(sealed)).isEqualTo("Jane Hart");
    }
}
