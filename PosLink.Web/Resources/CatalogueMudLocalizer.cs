using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PosLink.Web.Resources;

/// <summary>
/// MudBlazor's own words (a snackbar's close button, a required field, a select's clear button) from the catalogue's
/// <c>Mud.{key}</c> entries, through ASP.NET Core's localizer over the same Texts.resx files; a key the catalogue
/// lacks keeps MudBlazor's built-in English.
/// </summary>
public sealed class CatalogueMudLocalizer(IStringLocalizer<Texts> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts["Mud." + key] is { ResourceNotFound: false } found
        ? new LocalizedString(key, found.Value)
        : new LocalizedString(key, key, resourceNotFound: true);
}
