/**
 * Outgrowing one machine: Kafka event bus and camera assignment across nodes. No work yet.
 */
package io.xueliang.cluster;
