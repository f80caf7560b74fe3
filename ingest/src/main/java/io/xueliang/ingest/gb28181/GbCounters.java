package io.xueliang.ingest.gb28181;

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
}
