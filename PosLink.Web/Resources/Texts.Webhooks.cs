namespace PosLink.Web.Resources;

/// <summary>The words of webhooks (事件推送); their texts are in Texts.resx and Texts.en.resx.</summary>
public static partial class L
{
    public static string Webhooks => T();
    public static string WebhooksHint => T();
    public static string RegisterWebhook => T();
    public static string WebhookAddress => T();
    public static string WebhookAllowPrivateNetwork => T();
    public static string NoWebhooks => T();
    public static string WebhookPending => T();
    public static string WebhookGaveUp => T();
    public static string WebhookDeliveredLastDay => T();
    public static string WebhookPrivateAllowed => T();
    public static string DeliveryLog => T();
    public static string WebhookWasNotFound => T();
    public static string NoDeliveries => T();
    public static string WebhookEvent => T();
    public static string WebhookAttempts => T();
    public static string Resend => T();
    public static string WebhookResent => T();
    public static string WebhookQueued => T();
    public static string Yes => T();
    public static string No => T();

    public static string WebhookSecretShownOnce(string url) => F(nameof(WebhookSecretShownOnce), url);
    public static string WebhookDelivered(string at) => F(nameof(WebhookDelivered), at);
    public static string WebhookGaveUpAfter(int attempts) => F(nameof(WebhookGaveUpAfter), attempts);
    public static string WebhookRetryAt(string at, string last) => F(nameof(WebhookRetryAt), at, last);
    public static string WebhookHttpStatus(int? status) => F(nameof(WebhookHttpStatus), status);
    public static string Milliseconds(int ms) => F(nameof(Milliseconds), ms);

    /// <summary>Why a post was not delivered (<see cref="PosLink.Domain.Webhooks.WebhookErrors"/>), with the status the receiver gave.</summary>
    public static string WebhookError(string error, int? status) => F("WebhookError." + error, status);

    /// <summary>An event type (guarantee.held …) in words.</summary>
    public static string WebhookEventType(string type) => Lookup("WebhookEventType." + type) ?? type;
}
