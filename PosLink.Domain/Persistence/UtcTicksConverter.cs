using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PosLink.Domain.Persistence;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks. SQLite has no date type, and EF cannot compare or
/// order DateTimeOffset text there; an integer sorts and filters correctly and indexes well.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
