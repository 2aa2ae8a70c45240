using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using PosLink.Domain.Guarantees;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Shared;

/// <summary>
/// A hold's status as a chip: plain markup styled in app.css. It is a fragment made once per status, not a component,
/// because the lists show one per row: 50 fewer components on a holds page (B8, about 108 KB less per render).
/// </summary>
public static class StatusChip
{
    private static readonly Dictionary<GuaranteeStatus, RenderFragment> Chips =
        Enum.GetValues<GuaranteeStatus>().ToDictionary(status => status, Chip);

    public static RenderFragment Of(GuaranteeStatus status) => Chips.TryGetValue(status, out var chip) ? chip : Chip(status);

    /// <summary>The chip's classes: its look for <paramref name="status"/> (app.css).</summary>
    public static string Css(GuaranteeStatus status) => $"status status-{status.ToString().ToLowerInvariant()}";

    private static RenderFragment Chip(GuaranteeStatus status)
    {
        var css = Css(status);
        // The text is read as the chip renders: the reader's language is the circuit's, not the one it was made in.
        return builder => Render(builder, css, status);
    }

    private static void Render(RenderTreeBuilder builder, string css, GuaranteeStatus status)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", css);
        builder.AddAttribute(2, "data-testid", "status");
        builder.AddContent(3, L.Name(status));
        builder.CloseElement();
    }
}
