using MudBlazor;

namespace PosLink.Web.Components.Layout;

/// <summary>The app's colours: UnionPay-like red as primary, calm neutrals elsewhere.</summary>
public static class PosLinkTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#c8102e",
            Secondary = "#00508f",
            AppbarBackground = "#c8102e",
        },
    };
}
