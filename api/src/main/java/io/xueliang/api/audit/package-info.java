/** Writing the audit trail of API requests: who looked at or changed what, recorded before the answer goes out. */
package io.xueliang.api.audit;
