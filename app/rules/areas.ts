/**
 * The short form of an area name as used in everyday writing: autonomous counties drop the names of
 * the nationalities (秀山土家族苗族自治县 → 秀山县); other names stay as they are.
 */
export function shortAreaName(name: string) {
  const autonomous = /^(.{2}?)(?:[\p{Script=Han}]+族)+自治县$/u.exec(name)
  return autonomous ? `${autonomous[1]}县` : name
}
