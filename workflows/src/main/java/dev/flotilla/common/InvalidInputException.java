package dev.flotilla.common;

/** A workflow input that cannot run. The message is one line: what is wrong and what to do. */
public final class InvalidInputException extends IllegalArgumentException {

  public InvalidInputException(String message) {
    super(message);
  }
}
