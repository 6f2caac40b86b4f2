package dev.flotilla.cicd;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists and strings as block-style YAML, quoting every scalar YAML would
 * read as something other than the string (versions such as 3.10, booleans, leading symbols), and
 * multi-line strings as literal blocks. Small on purpose: the generated workflow needs no more.
 */
final class YamlWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$/.~][\\w .,/=@+()~${}*\\[\\]-]*");
  private static final Pattern NOT_A_STRING =
      Pattern.compile(
          "(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?[\\d._]+(e[-+]?\\d+)?|0x[0-9a-f]+)");

  private final StringBuilder out = new StringBuilder();

  static String write(Map<String, Object> document) {
    YamlWriter writer = new YamlWriter();
    writer.map(document, 0);
    return writer.out.toString();
  }

  private void map(Map<String, Object> map, int indent) {
    boolean first = true;
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      // Inside a list item the first key shares the "- " line.
      if (!first || indent == 0 || !inlineFirst) {
        out.append(" ".repeat(indent));
      }
      inlineFirst = false;
      first = false;
      out.append(entry.getKey()).append(':');
      value(entry.getValue(), indent);
    }
  }

  private boolean inlineFirst;

  @SuppressWarnings("unchecked")
  private void value(Object value, int indent) {
    if (value instanceof Map<?, ?> nested) {
      out.append('\n');
      map((Map<String, Object>) nested, indent + 2);
    } else if (value instanceof List<?> list) {
      if (list.stream().allMatch(item -> item instanceof String)) {
        out.append(" [");
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ", ").append(flowScalar((String) list.get(i)));
        }
        out.append("]\n");
        return;
      }
      out.append('\n');
      for (Object item : list) {
        out.append(" ".repeat(indent + 2)).append("- ");
        if (item instanceof Map<?, ?> itemMap) {
          inlineFirst = true;
          map((Map<String, Object>) itemMap, indent + 4);
        } else {
          out.append(scalar(String.valueOf(item))).append('\n');
        }
      }
    } else if (value instanceof Boolean || value instanceof Number) {
      out.append(' ').append(value).append('\n');
    } else {
      String text = String.valueOf(value);
      if (text.contains("\n")) {
        out.append(" |\n");
        text.lines().forEach(line -> out.append(" ".repeat(indent + 2)).append(line).append('\n'));
      } else {
        out.append(' ').append(scalar(text)).append('\n');
      }
    }
  }

  static String scalar(String text) {
    boolean plain =
        PLAIN.matcher(text).matches()
            && !NOT_A_STRING.matcher(text).matches()
            && !text.contains(": ")
            && !text.contains(" #")
            && !text.endsWith(":")
            && !text.endsWith(" ");
    return plain ? text : "'" + text.replace("'", "''") + "'";
  }

  /** Inside {@code [a, b]} commas and brackets end a plain scalar, so such items are quoted. */
  private static String flowScalar(String text) {
    return text.matches(".*[,\\[\\]{}].*") ? "'" + text.replace("'", "''") + "'" : scalar(text);
  }
}
