#pragma once

// A loopback TCP port nothing listens on (bound, then closed): for tests of
// "cannot connect" paths.
int closedLoopbackPort();
