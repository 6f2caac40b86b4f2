package dev.flotilla.cicd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Stage 1 as plain code: a README's CommonMark AST turned into a bounded summary. Commands come
 * from shell-like code blocks (every line) and from inline code in prose.
 */
public final class ReadmeParser {

  /** Info strings of blocks whose lines are shell commands; a block with none counts too. */
  private static final Set<String> SHELL =
      Set.of(
          "",
          "sh",
          "bash",
          "shell",
          "console",
          "zsh",
          "shell-session",
          "terminal",
          "cmd",
          "ps",
          "powershell",
          "text");

  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private ReadmeParser() {}

  public static ReadmeSummary parse(String file, String markdown) {
    Node document = PARSER.parse(markdown);
    Collector collector = new Collector(file);
    document.accept(collector);
    return new ReadmeSummary(
        file,
        collector.title,
        cap(collector.headings),
        cap(collector.codeBlocks),
        cap(collector.badges),
        cap(collector.commands));
  }

  private static <T> List<T> cap(List<T> items) {
    return items.size() <= ReadmeSummary.MAX_ITEMS
        ? items
        : List.copyOf(items.subList(0, ReadmeSummary.MAX_ITEMS));
  }

  private static final class Collector extends AbstractVisitor {
    private final String file;
    private String title;
    private final List<String> headings = new ArrayList<>();
    private final List<ReadmeSummary.CodeBlock> codeBlocks = new ArrayList<>();
    private final List<ReadmeSummary.Badge> badges = new ArrayList<>();
    private final List<ReadmeCommand> commands = new ArrayList<>();

    Collector(String file) {
      this.file = file;
    }

    @Override
    public void visit(Heading heading) {
      String text = text(heading).strip();
      if (title == null && heading.getLevel() == 1) {
        title = text;
      }
      headings.add("#".repeat(heading.getLevel()) + " " + text);
      visitChildren(heading);
    }

    @Override
    public void visit(FencedCodeBlock block) {
      String info = block.getInfo() == null ? "" : block.getInfo().strip();
      String language = info.isEmpty() ? "" : info.split("\\s+")[0].toLowerCase(Locale.ROOT);
      int line = line(block);
      // The literal starts on the line after the opening fence.
      int lines = (int) block.getLiteral().lines().count();
      codeBlocks.add(new ReadmeSummary.CodeBlock(info, line, lines));
      if (SHELL.contains(language)) {
        commandsIn(block.getLiteral(), line + 1);
      }
    }

    @Override
    public void visit(IndentedCodeBlock block) {
      commandsIn(block.getLiteral(), line(block));
    }

    @Override
    public void visit(Code code) {
      CommandClassifier.classify(code.getLiteral())
          .ifPresent(c -> add(c, false, line(code), code.getLiteral()));
    }

    @Override
    public void visit(Image image) {
      String url = image.getDestination().toLowerCase(Locale.ROOT);
      if (!(url.contains("badge") || url.contains("shields.io") || url.endsWith(".svg"))) {
        return;
      }
      badges.add(new ReadmeSummary.Badge(text(image), image.getDestination(), line(image)));
    }

    private void commandsIn(String literal, int firstLine) {
      List<String> lines = literal.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String text = lines.get(i);
        int line = firstLine + i;
        CommandClassifier.classify(text).ifPresent(c -> add(c, true, line, text));
      }
    }

    private void add(CommandClassifier.Classified c, boolean inCode, int line, String text) {
      commands.add(
          new ReadmeCommand(
              c.phase(), c.tool(), c.command(), inCode, new Evidence(file, line, text)));
    }

    private static int line(Node node) {
      List<SourceSpan> spans = node.getSourceSpans();
      return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }

    private static String text(Node node) {
      StringBuilder text = new StringBuilder();
      node.accept(
          new AbstractVisitor() {
            @Override
            public void visit(Text t) {
              text.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
              text.append(c.getLiteral());
            }
          });
      return text.toString();
    }
  }
}
