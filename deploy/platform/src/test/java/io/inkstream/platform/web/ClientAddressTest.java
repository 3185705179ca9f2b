package io.inkstream.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressTest {

    static MockServerWebExchange from(String peer, String... forwardedFor) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor));
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        ClientAddress clients = new ClientAddress(List.of());
        assertThat(clients.of(from("198.51.100.9", "203.0.113.7"))).isEqualTo("198.51.100.9");
    }

    @Test
    void trustedProxyNamesTheClientRightmostFirst() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.2", "10.0.0.3"));
        assertThat(clients.of(from("10.0.0.2", "203.0.113.7"))).isEqualTo("203.0.113.7");
        // A client cannot pick its address by sending its own header: the proxy appends the real one.
        assertThat(clients.of(from("10.0.0.2", "192.0.2.66, 203.0.113.7, 10.0.0.3"))).isEqualTo("203.0.113.7");
        assertThat(clients.of(from("10.0.0.2"))).isEqualTo("10.0.0.2");
    }
}
