package io.xueliang.api.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.config.AddressBlock;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address as the audit trail and the login throttle see it: the TCP peer, unless the peer is a configured
 * trusted proxy ({@code http.trustedProxies}), in which case {@code X-Forwarded-For} is read from the right, past every
 * trusted proxy, to the first address that is not one.
 *
 * <pre>
 *   X-Forwarded-For: 203.0.113.9, 198.51.100.2, 10.0.0.5        peer 10.0.0.6 (trusted), 10.0.0.5 trusted
 *                    forged?      client       our proxies   ->  client 198.51.100.2
 * </pre>
 *
 * Addresses left of the first untrusted one were written by the client itself and are never believed. A hop that is
 * not an address literal ends the walk at the last trusted hop. Nothing here asks DNS.
 */
public final class ClientAddress {
    private static final String KEY = "xueliang.clientAddress";
    /** Most X-Forwarded-For hops read: a bound on the work one header can cause. */
    private static final int MAX_HOPS = 32;

    private final List<AddressBlock> trusted;

    public ClientAddress(List<AddressBlock> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** The address the request was made from, as worked out by {@link #resolve}; the TCP peer when it was not. */
    public static String of(RoutingContext ctx) {
        String resolved = ctx.get(KEY);
        return resolved != null ? resolved : peer(ctx.request());
    }

    /** Works out the request's client address and keeps it in the context for {@link #of}. */
    void resolve(RoutingContext ctx) {
        ctx.put(KEY, client(ctx.request()));
    }

    /** Whether {@code address} (a peer's) is a trusted proxy. */
    boolean trusted(SocketAddress address) {
        return address != null && AddressBlock.address(address.hostAddress()).map(this::trusted).orElse(false);
    }

    private boolean trusted(InetAddress address) {
        for (AddressBlock block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    String client(HttpServerRequest request) {
        String peer = peer(request);
        if (trusted.isEmpty() || !trusted(request.remoteAddress())) {
            return peer;
        }
        List<String> hops = hops(request.headers().getAll("X-Forwarded-For"));
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressBlock.address(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    /** The last {@link #MAX_HOPS} comma-separated entries of every X-Forwarded-For header, in order. */
    private static List<String> hops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops.size() <= MAX_HOPS ? hops : hops.subList(hops.size() - MAX_HOPS, hops.size());
    }

    private static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
