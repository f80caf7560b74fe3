/**
 * External witnesses of audit checkpoints: syslog (RFC 5424 messages over UDP, RFC 5426, or TCP with octet
 * counting, RFC 6587) and an HTTP endpoint that takes each checkpoint as a JSON POST.
 */
package io.xueliang.storage.audit.witness;
