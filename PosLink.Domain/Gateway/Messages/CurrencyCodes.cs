namespace PosLink.Domain.Gateway.Messages;

/// <summary>交易币种: the spec allows only renminbi.</summary>
public static class CurrencyCodes
{
    /// <summary>ISO 4217 numeric code of CNY, the only value the spec accepts ("需填入156").</summary>
    public const string Cny = "156";
}
