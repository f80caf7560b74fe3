package io.xueliang.ingest.gb28181;

import io.xueliang.media.Gb28181Stats;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What the platform counted since it started; read by metrics, written by the signalling thread. */
public final class GbCounters {
    final AtomicLong registrations = new AtomicLong();
    final AtomicLong renewals = new AtomicLong();
    final AtomicLong unregistrations = new AtomicLong();
    final AtomicLong challenges = new AtomicLong();
    final AtomicLong wrongPasswords = new AtomicLong();
    final AtomicLong refusedFull = new AtomicLong();
    final AtomicLong keepalives = new AtomicLong();
    final AtomicLong strangers = new AtomicLong();
    final AtomicLong badBodies = new AtomicLong();
    final AtomicLong catalogs = new AtomicLong();
    final AtomicLong wentOffline = new AtomicLong();
    final AtomicLong invites = new AtomicLong();
    final AtomicLong failedInvites = new AtomicLong();

    /** REGISTERs that started a registration. */
    public long registrations() {
        return registrations.get();
    }

    /** REGISTERs that renewed one. */
    public long renewals() {
        return renewals.get();
    }

    public long unregistrations() {
        return unregistrations.get();
    }

    /** 401 challenges sent. */
    public long challenges() {
        return challenges.get();
    }

    /** REGISTERs refused 403: a wrong password or another user name. */
    public long wrongPasswords() {
        return wrongPasswords.get();
    }

    /** REGISTERs refused 503 at {@code maxDevices}. */
    public long refusedFull() {
        return refusedFull.get();
    }

    public long keepalives() {
        return keepalives.get();
    }

    /** Requests from no registered device, or from another address than the device registered from: 403. */
    public long strangers() {
        return strangers.get();
    }

    /** MANSCDP bodies that could not be read: 400. */
    public long badBodies() {
        return badBodies.get();
    }

    /** Catalogs assembled, complete or not. */
    public long catalogs() {
        return catalogs.get();
    }

    /** Devices that missed their keepalives. */
    public long wentOffline() {
        return wentOffline.get();
    }

    public long invites() {
        return invites.get();
    }

    /** INVITEs refused, timed out or not sent (device offline). */
    public long failedInvites() {
        return failedInvites.get();
    }

    /** The counts for metrics, with the transport's, the throttle's and the superiors'. */
    List<Gb28181Stats.Count> counts(long throttled, long malformed, long refusedConnections, GbSuperiors superiors) {
        GbCounters c = this;
        return List.of(
                new Gb28181Stats.Count("registrations", "REGISTERs that started a device's registration", c.registrations()),
                new Gb28181Stats.Count("renewals", "REGISTERs that renewed a registration", c.renewals()),
                new Gb28181Stats.Count("unregistrations", "REGISTERs with Expires 0", c.unregistrations()),
                new Gb28181Stats.Count("challenges", "401 digest challenges sent", c.challenges()),
                new Gb28181Stats.Count("wrong_passwords", "REGISTERs refused 403: wrong password or user name", c.wrongPasswords()),
                new Gb28181Stats.Count("refused_full", "REGISTERs refused 503 at gb28181.maxDevices", c.refusedFull()),
                new Gb28181Stats.Count("throttled", "REGISTERs dropped over gb28181.registersPerMinute", throttled),
                new Gb28181Stats.Count("keepalives", "Keepalive MESSAGEs taken", c.keepalives()),
                new Gb28181Stats.Count("strangers", "Requests refused 403: no registered device, or not from its address",
                        c.strangers()),
                new Gb28181Stats.Count("bad_messages", "SIP messages or MANSCDP bodies that could not be read",
                        c.badBodies() + malformed),
                new Gb28181Stats.Count("catalogs", "Catalogs assembled, complete or not", c.catalogs()),
                new Gb28181Stats.Count("went_offline", "Devices that missed their keepalives", c.wentOffline()),
                new Gb28181Stats.Count("invites", "Live INVITEs asked for", c.invites()),
                new Gb28181Stats.Count("failed_invites", "INVITEs refused, unanswered or not sent (device offline)",
                        c.failedInvites()),
                new Gb28181Stats.Count("refused_connections", "TCP connections closed at the connection cap",
                        refusedConnections),
                new Gb28181Stats.Count("superior_registrations", "Registrations and renewals a superior platform accepted",
                        superiors.sum(l -> l.registrations.get())),
                new Gb28181Stats.Count("superior_register_failures", "Registrations with a superior refused or unanswered",
                        superiors.sum(l -> l.registerFailures.get())),
                new Gb28181Stats.Count("superior_catalogs", "Catalogs sent to superiors", superiors.sum(l -> l.catalogsSent.get())),
                new Gb28181Stats.Count("superior_invites", "INVITEs from superiors", superiors.sum(l -> l.calls().invites.get())),
                new Gb28181Stats.Count("superior_refused_invites", "INVITEs from superiors refused",
                        superiors.sum(l -> l.calls().refused.get())));
    }
}
