package io.inkstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestServerTest {

    @Test
    void externalUriNamesTheTestsDatabaseAndKeepsItsOptions() {
        assertThat(TestServer.withDatabase("mongodb://a:27017,b:27017/?replicaSet=rs0", "inkstream"))
                .isEqualTo("mongodb://a:27017,b:27017/inkstream?replicaSet=rs0");
        assertThat(TestServer.withDatabase("mongodb://u:p@a:27017/admin?authSource=admin", "eventlog"))
                .isEqualTo("mongodb://u:p@a:27017/eventlog?authSource=admin");
        assertThat(TestServer.withDatabase("mongodb://localhost", "x")).isEqualTo("mongodb://localhost/x");
    }
}
