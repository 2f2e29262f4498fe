export default function HomePage() {
  return <main>Gemini Treasury</main>;
}
