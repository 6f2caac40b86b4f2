package dev.flotilla.worker;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for SIGINT or SIGTERM. Handling them (rather than relying on shutdown hooks) lets the
 * process drain its workers and exit 0, which is what an orchestrator expects of a clean stop.
 */
final class ShutdownSignal {
  private final CountDownLatch received = new CountDownLatch(1);
  private volatile String name;

  static ShutdownSignal install() {
    ShutdownSignal signal = new ShutdownSignal();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(
          new Signal(name),
          s -> {
            signal.name = "SIG" + s.getName();
            signal.received.countDown();
          });
    }
    return signal;
  }

  /** Blocks until a signal arrives and returns its name. */
  String await() throws InterruptedException {
    received.await();
    return name;
  }
}
