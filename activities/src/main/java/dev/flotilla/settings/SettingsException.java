package dev.flotilla.settings;

/** A setting that is unknown or has a bad value. The message is one line and names the key. */
public final class SettingsException extends RuntimeException {
  public SettingsException(String message) {
    super(message);
  }
}
