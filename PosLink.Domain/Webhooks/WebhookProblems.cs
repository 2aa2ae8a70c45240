using PosLink.Domain.Common;

namespace PosLink.Domain.Webhooks;

public static class WebhookProblems
{
    public static readonly Problem NotFound = Problem.NotFound("Webhook");

    public static readonly Problem MerchantNotFound = Problem.NotFound("Merchant");

    public static readonly Problem AdminsOnly = Problem.Forbidden("Problem.OnlyAdminsManageWebhooks");

    public static Problem AddressInvalid(string text) => Problem.Invalid("url", "Problem.WebhookAddressInvalid", text);

    public static Problem HttpsRequired(string host) => Problem.Invalid("url", "Problem.WebhookHttpsRequired", host);

    public static Problem PrivateAddress(string host) => Problem.Invalid("url", "Problem.WebhookPrivateAddress", host);
}
