package dev.flotilla.sync;

import dev.flotilla.common.InvalidInputException;

/** The types a mapped field may be declared as ({@code "target:type"}); VALIDATE parses them. */
public enum FieldType {
  STRING,
  NUMBER,
  INTEGER,
  BOOLEAN,
  TIMESTAMP;

  /** The target field's name without its type. */
  public static String field(String target) {
    int colon = target.indexOf(':');
    return colon < 0 ? target : target.substring(0, colon);
  }

  /** The type a mapping target declares; STRING when it declares none. */
  public static FieldType of(String target) {
    int colon = target.indexOf(':');
    if (colon < 0) {
      return STRING;
    }
    String name = target.substring(colon + 1);
    for (FieldType type : values()) {
      if (type.name().equalsIgnoreCase(name)) {
        return type;
      }
    }
    throw new InvalidInputException(
        "field type '"
            + name
            + "' in '"
            + target
            + "' is not one of string, number, integer,"
            + " boolean, timestamp");
  }
}
