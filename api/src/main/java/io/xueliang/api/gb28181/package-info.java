/** The GB/T 28181 platform as the API shows it: the devices registered with it. */
package io.xueliang.api.gb28181;
