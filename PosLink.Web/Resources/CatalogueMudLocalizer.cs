using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PosLink.Web.Resources;

/// <summary>
/// MudBlazor's own words (a snackbar's close button, a required field, a select's clear button) from the catalogue's
/// <c>Mud.{key}</c> entries; a key the catalogue lacks keeps MudBlazor's built-in English.
/// </summary>
public sealed class CatalogueMudLocalizer : MudLocalizer
{
    public override LocalizedString this[string key] =>
        L.Lookup("Mud." + key) is { } text ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);
}
