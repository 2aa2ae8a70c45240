using PosLink.Domain.Guarantees;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Shared;

/// <summary>Hold states in the reader's language.</summary>
public static class StatusText
{
    public static string Of(GuaranteeStatus status) => L.IsEnglish ? English(status) : status.Chinese();

    private static string English(GuaranteeStatus status) => status switch
    {
        GuaranteeStatus.Authorizing => "Authorizing",
        GuaranteeStatus.Held => "Held",
        GuaranteeStatus.Declined => "Declined",
        GuaranteeStatus.Completing => "Completing",
        GuaranteeStatus.Completed => "Completed",
        GuaranteeStatus.Voiding => "Voiding",
        GuaranteeStatus.Voided => "Voided",
        GuaranteeStatus.Failed => "Failed",
        GuaranteeStatus.Expired => "Expired",
        _ => status.ToString(),
    };
}
