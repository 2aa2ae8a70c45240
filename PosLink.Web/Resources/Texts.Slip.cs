namespace PosLink.Web.Resources;

/// <summary>The words of the customer's slip (/guarantees/{id}/slip); their texts are in Texts.resx and Texts.en.resx.</summary>
public static partial class L
{
    public static string SlipTitle => T();
    public static string PrintSlip => T();
    public static string Paper => T();
    public static string PaperReceipt => T();
    public static string PaperA4 => T();
    public static string BackToHold => T();
    public static string AuthorizedAt => T();
    public static string FinalizedBy => T();
    public static string FinalRetrievalReference => T();
    public static string OrderIdQrCode => T();
}
