package io.inkstream.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void proxiesMayBeGivenAsRanges() {
        // An ingress whose pods come and go within the cluster's pod network.
        ClientAddress clients = new ClientAddress(List.of("10.42.0.0/16", "fd00::/8"));
        assertThat(clients.of(from("10.42.7.19", "203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(clients.of(from("10.42.7.19", "203.0.113.7, 10.42.3.1"))).isEqualTo("203.0.113.7");
        assertThat(clients.of(from("fd00::12", "2001:db8::7"))).isEqualTo("2001:db8::7");
        // Outside the range the header is anyone's.
        assertThat(clients.of(from("10.43.0.1", "203.0.113.7"))).isEqualTo("10.43.0.1");
        // A name in the header is never looked up, nor trusted.
        assertThat(clients.of(from("10.42.7.19", "203.0.113.7, proxy.example"))).isEqualTo("proxy.example");
    }

    @Test
    void anEntryThatIsNoAddressStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example"))).isInstanceOf(IllegalArgumentException.class);
    }
}
