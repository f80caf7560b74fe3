package io.xueliang.storage.audit;

/**
 * What {@code xueliang audit verify} found: the chain itself, where it begins in the database when retention has
 * archived its oldest records ({@code base}, null when it has not), and how what is kept outside the database vouches
 * for it.
 */
public record AuditReport(AuditVerification chain, AuditBase base, AuditAnchoring anchoring) {
    /** True when the chain is intact and nothing outside contradicts it. */
    public boolean ok() {
        return chain.ok() && anchoring.ok();
    }
}
