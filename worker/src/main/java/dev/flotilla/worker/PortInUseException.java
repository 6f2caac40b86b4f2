package dev.flotilla.worker;

/** A port Flotilla was asked to bind is taken. */
public final class PortInUseException extends RuntimeException {
  public PortInUseException(String setting, int port) {
    super(
        "port "
            + port
            + " is already in use (setting "
            + setting
            + "); stop what holds it or choose another port",
        null,
        false,
        false);
  }
}
