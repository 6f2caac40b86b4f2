package dev.flotilla.alerting;

import dev.flotilla.settings.FlotillaSettings;
import dev.flotilla.settings.SecretRef;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Email over SMTP (Angus Mail). The login comes from references resolved for each send. */
final class EmailChannel implements AlertChannel {
  private static final String TIMEOUT_MILLIS = String.valueOf(HttpJsonPost.TIMEOUT.toMillis());

  private final FlotillaSettings.Email email;
  private final SecretRef secrets;

  EmailChannel(FlotillaSettings.Email email, SecretRef secrets) {
    this.email = email;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void send(Notice notice) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", email.smtpHost());
    properties.put("mail.smtp.port", String.valueOf(email.smtpPort()));
    properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
    properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
    properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
    // Upgrade to TLS whenever the server offers it; a relay that offers none still gets the mail.
    properties.put("mail.smtp.starttls.enable", "true");
    String password = secrets.resolveIfSet(email.passwordRef()).orElse(null);
    String username =
        email.usernameRef() == null ? email.from() : secrets.resolve(email.usernameRef());
    boolean login = password != null;
    properties.put("mail.smtp.auth", String.valueOf(login));
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(properties));
      message.setFrom(new InternetAddress(email.from()));
      for (String to : notice.recipients().isEmpty() ? email.to() : notice.recipients()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(notice.subject(), "UTF-8");
      message.setText(notice.body(), "UTF-8");
      if (login) {
        Transport.send(message, username, password);
      } else {
        Transport.send(message);
      }
    } catch (AddressException e) {
      throw new ChannelRejected("email: an address in alerts.email is not valid");
    } catch (AuthenticationFailedException e) {
      throw new ChannelRejected("email: the SMTP server refused the login");
    } catch (SendFailedException e) {
      throw new ChannelRejected("email: the SMTP server refused the recipients");
    } catch (MessagingException e) {
      // The exception's text can quote the server; only its type is passed on.
      throw new ChannelUnavailable("email: " + rootType(e));
    }
  }

  private static String rootType(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ")";
  }
}
