/**
 * MANSCDP, the XML command bodies of GB/T 28181-2016 Appendix A (with 2022 additions devices send):
 * charset detection, a hardened parser into typed records, a writer for our queries and cascade
 * answers, PTZ commands (Appendix A.3) and the assembly of multi-message catalogs.
 */
package io.xueliang.ingest.manscdp;
