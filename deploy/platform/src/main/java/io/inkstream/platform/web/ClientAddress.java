package io.inkstream.platform.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the
 * connection comes from a proxy named in {@code inkstream.trusted-proxies}; then the client is
 * the rightmost address in it that is not itself a trusted proxy. Anyone else could write any
 * address into that header.
 */
@Component
public class ClientAddress {

    /** Where {@link ClientAddressContext} puts the address for code that has no exchange. */
    public static final String CONTEXT_KEY = ClientAddress.class.getName();

    private final Set<String> trustedProxies;

    public ClientAddress(@Value("${inkstream.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    public String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
