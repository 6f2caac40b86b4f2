package dev.flotilla.hello;

/** Greets; says which worker did it, so operators can see load spread across worker processes. */
public final class GreetingActivitiesImpl implements GreetingActivities {

  private final String workerIdentity;

  public GreetingActivitiesImpl(String workerIdentity) {
    this.workerIdentity = workerIdentity;
  }

  @Override
  public HelloResult compose(HelloRequest request) {
    return new HelloResult("Hello, " + request.name() + "!", workerIdentity);
  }
}
