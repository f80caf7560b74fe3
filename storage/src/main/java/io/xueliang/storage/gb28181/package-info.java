/** What the store keeps for the GB/T 28181 platform: the devices' own registration passwords, sealed. */
package io.xueliang.storage.gb28181;
