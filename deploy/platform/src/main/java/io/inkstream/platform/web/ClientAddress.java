package io.inkstream.platform.web;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the
 * connection comes from a proxy named in {@code inkstream.trusted-proxies} (addresses, or CIDR
 * ranges such as {@code 10.0.0.0/8} where an ingress' address is not fixed); then the client is
 * the rightmost address in it that is not itself a trusted proxy. Anyone else could write any
 * address into that header.
 */
@Component
public class ClientAddress {

    /** Where {@link ClientAddressContext} puts the address for code that has no exchange. */
    public static final String CONTEXT_KEY = ClientAddress.class.getName();

    private final List<IpSubnetFilterRule> trustedProxies;

    /** Refuses to start on an entry that is neither an address nor a range: a typo would trust nobody, silently. */
    public ClientAddress(@Value("${inkstream.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(ClientAddress::range).toList();
    }

    /** An address ({@code 10.0.0.2}) or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}). */
    static IpSubnetFilterRule range(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + entry);
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + entry, e);
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    /** The address an IP literal writes; null for anything else, which is never looked up by name. */
    private static InetAddress literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        try {
            return bytes == null ? null : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether a trusted proxy has this address; never one that is no address (null). */
    private boolean trusted(InetAddress address) {
        if (address == null) {
            return false;
        }
        InetSocketAddress at = new InetSocketAddress(address, 0);
        return trustedProxies.stream().anyMatch(proxy -> proxy.matches(at));
    }

    public String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (remote == null || !trusted(remote.getAddress())) {
            return peer;
        }
        List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).strip();
            if (!hop.isEmpty() && !trusted(literal(hop))) {
                return hop;
            }
        }
        return peer;
    }
}
