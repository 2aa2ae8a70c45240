namespace PosLink.Domain.Gateway;

/// <summary>
/// Masks a customer's payment code: only the first 4 and last 4 characters stay visible. A payment code
/// is a bearer credential for the customer's funds, so nothing but the wire ever holds it whole.
/// </summary>
public static class PayCodeMask
{
    public static string Mask(string? payCode)
    {
        if (string.IsNullOrEmpty(payCode))
        {
            return "";
        }
        // Short codes keep only their last 4 (or nothing) visible, so that masking never reveals most of one.
        if (payCode.Length < 12)
        {
            var shown = payCode.Length > 6 ? 4 : 0;
            return new string('*', payCode.Length - shown) + payCode[^shown..];
        }
        return string.Concat(payCode.AsSpan(0, 4), new string('*', payCode.Length - 8), payCode.AsSpan(payCode.Length - 4));
    }

    /// <summary>The last four characters, which choose the sandbox's scripted behaviours.</summary>
    public static string LastFour(string payCode) => payCode.Length <= 4 ? payCode : payCode[^4..];
}
