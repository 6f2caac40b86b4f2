package dev.flotilla.cicd;

/** The stages of a CI generation, as FlotillaStage shows them. */
public enum CicdStage {
  CHECKOUT("Checkout"),
  PARSE_README("Parse README"),
  INSPECT_BUILD_FILES("Inspect build files"),
  DETECT("Detect stack"),
  GENERATE("Generate workflow"),
  VALIDATE("Validate"),
  WRITE("Write"),
  DONE("Done");

  private final String title;

  CicdStage(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
