package server

func (s *Server) printPages() []pageRoute { return nil }
