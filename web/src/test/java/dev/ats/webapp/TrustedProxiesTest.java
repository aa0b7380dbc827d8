package dev.ats.webapp;

import dev.ats.infra.test.TrustedProxiesSpec;

/** The loopback proxies trusted by default are CIDRs, so checking one never needs DNS. */
class TrustedProxiesTest extends TrustedProxiesSpec {}
