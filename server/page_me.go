package server

func (s *Server) mePages() []pageRoute { return nil }
