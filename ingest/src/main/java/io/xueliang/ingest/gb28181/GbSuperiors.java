package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The superior platforms this one registers with ({@code gb28181.superiors}), and which of them a request comes
 * from: its From user is the superior's id and it comes from the superior's address. A request naming a superior
 * from another address is refused 403, as a device's from where it did not register. Runs on the signalling thread.
 */
final class GbSuperiors {
    private final List<GbSuperiorLink> links;

    GbSuperiors(List<GbSuperiorLink> links) {
        this.links = List.copyOf(links);
    }

    void start() {
        links.forEach(GbSuperiorLink::start);
    }

    List<GbSuperiorLink> links() {
        return links;
    }

    /** The link whose superior the request's From names; empty when it names none (a device's request). */
    Optional<GbSuperiorLink> named(SipRequest request) {
        String from = request.from().uri().user();
        return links.stream().filter(l -> l.id().equals(from)).findFirst();
    }

    /**
     * Handles a request of a superior (its From names one).
     *
     * @return the answer to send now, or null when the link answers itself (now or later)
     */
    SipResponse request(GbSuperiorLink link, SipRequest request, InetSocketAddress source, String toTag) {
        InetSocketAddress remote = link.remote();
        if (remote == null || !remote.getAddress().equals(source.getAddress())) {
            return SipResponse.answer(request, source, 403, "not from the superior's address", toTag);
        }
        switch (request.method()) {
            case SipRequest.MESSAGE -> link.onMessage(request, source);
            case SipRequest.INVITE -> link.calls().onInvite(request, source);
            case SipRequest.ACK -> link.calls().onAck(request);
            case SipRequest.BYE -> link.calls().onBye(request, source);
            case SipRequest.INFO -> link.calls().onInfo(request, source);
            case SipRequest.OPTIONS -> {
                return SipResponse.answer(request, source, 200, null, toTag);
            }
            default -> {
                return SipResponse.answer(request, source, 501, null, toTag);
            }
        }
        return null;
    }

    long sum(java.util.function.ToLongFunction<GbSuperiorLink> counter) {
        return links.stream().mapToLong(counter).sum();
    }

    void close() {
        links.forEach(GbSuperiorLink::close);
    }
}
