Gem::Specification.new do |s|
  s.required_ruby_version = ">= 3.0"
end
