// NutUI's Lottie (animated icons) needs canvas; tests never render it.
export default function LottieStub() {
  return null
}
