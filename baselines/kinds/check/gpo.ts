/**
 * Where a check goes in a GPO: nowhere. A check measures what no policy can set (a
 * product running, a disk encrypted, an event since the boot); the GPO carries the
 * settings that make it pass, and Test-Baseline.ps1 alone evaluates it. The settings
 * plan keeps checks apart (WindowsSettingsPlan.checks) and baselines/emit/windows/gpo.ts
 * writes none of them.
 */
export {};
