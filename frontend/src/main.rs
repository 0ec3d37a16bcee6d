fn main() {
    tertib_frontend::start();
}
